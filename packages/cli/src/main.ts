/** Entry of the whole CLI (`dist/emqx-acl.cjs`): help, and any command without its own bundle. */
import { allCommands } from "./all-commands";
import { runCli } from "./run-cli";

runCli(allCommands);
