/** MariaDB (MySQL target): see support/db-sql-suite.ts. */
import { sqlSuite } from "./support/db-sql-suite";

sqlSuite("mysql");
