import { Logger } from '@nestjs/common';

// The services log what they recover from (a refused or unreachable workflow); the tests provoke exactly that.
Logger.overrideLogger(false);
