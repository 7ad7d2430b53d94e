/** The tool's version, from the CLI package's package.json (bundled by esbuild). */
import pkg from "../package.json";

export const VERSION: string = pkg.version;
