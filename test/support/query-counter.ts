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
  #compiler = new PostgresQueryCompiler();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.#compiler.compileQuery(args.node, args.queryId).sql);
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
