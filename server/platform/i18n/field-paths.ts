import type { z } from "zod";

interface ZodDefLike {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;

/**
 * Every field a zod schema accepts, as the dotted paths validation errors name them, array positions left out
 * ("members.0.name" is "members.name"). Wrappers (optional, nullable, default, pipe, union …) are seen through.
 */
export function fieldPathsOf(schema: z.ZodType, prefix = "", seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  const def = defOf(schema);
  const inner = (next: z.ZodType | undefined) => (next ? fieldPathsOf(next, prefix, seen) : []);
  switch (def.type) {
    case "object": {
      seen.add(schema);
      const paths: string[] = [];
      for (const [key, value] of Object.entries(def.shape ?? {})) {
        const path = prefix ? `${prefix}.${key}` : key;
        paths.push(path, ...fieldPathsOf(value, path, seen));
      }
      seen.delete(schema);
      return paths;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner(def.innerType);
    case "array":
      return inner(def.element);
    case "record":
      return inner(def.valueType);
    case "pipe":
      return [...inner(def.in), ...inner(def.out)];
    case "intersection":
      return [...inner(def.left), ...inner(def.right)];
    case "union":
      return (def.options ?? []).flatMap((option) => inner(option));
    case "lazy":
      return def.getter ? inner(def.getter()) : [];
    default:
      return [];
  }
}

/** A validation error's field ("details.notes", "members.0.name") as its label's path ("members.name"). */
export function labelPathOf(field: string): string {
  return field
    .split(".")
    .filter((segment) => !/^\d+$/.test(segment))
    .join(".");
}
