import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/**
 * Counts the statements the app sends through Kysely (transaction BEGIN/COMMIT are not statements of a query
 * builder and are not counted), and keeps their SQL so a test can say which ones a request cost.
 */
export class QueryCounter implements KyselyPlugin {
  readonly statements: string[] = [];
  /** The parameters of each statement, by position in `statements`. */
  readonly parameters: (readonly unknown[])[] = [];
  #compiler = new PostgresQueryCompiler();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const compiled = this.#compiler.compileQuery(args.node, args.queryId);
    this.statements.push(compiled.sql);
    this.parameters.push(compiled.parameters);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  /** The statements `work` sent. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    const from = this.statements.length;
    await work();
    return this.statements.slice(from);
  }
}
