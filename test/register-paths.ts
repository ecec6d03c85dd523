import { register } from 'tsconfig-paths';
import { join } from 'node:path';
import { compilerOptions } from '../tsconfig.json';

// jest's moduleNameMapper does not reach globalSetup, which runs in the main process: map the @doorloop/* aliases there.
register({ baseUrl: join(__dirname, '..'), paths: compilerOptions.paths });
