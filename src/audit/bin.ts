// The `http-resilience` command (package.json `bin`, built to dist/audit.js).
import { main } from './cli';

process.exitCode = main(process.argv.slice(2));
