export * from "./types";
export * from "./flatten";
export * from "./literals";
export * from "./raw-rule";
export * from "./pipeline";
export { mysqlEmitter, postgresqlEmitter, sqlQuery, sqlQueryV4 } from "./sql";
export { planSqlRows, type SqlRow, type SqlPlan } from "./sql-rows";
export { planV4Rows, type V4Row, V4_DOLLAR_NOTE } from "./sql-v4-rows";
