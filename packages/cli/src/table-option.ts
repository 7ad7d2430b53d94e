/**
 * `--table NAME`, checked once for every command that takes it (compile, import): a name
 * that is not a plain identifier is a usage error before anything is read or written, so
 * no table name can carry SQL into a query (the emitters check again for library callers).
 */
import { tableNameProblem } from "@emqx-acl/emitters";
import { InvalidArgumentError } from "commander";

export function parseTableName(value: string): string {
  const problem = tableNameProblem(value);
  if (problem !== null) throw new InvalidArgumentError(problem);
  return value;
}
