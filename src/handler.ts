// The Lambda entry point. The environment is read here, once per cold start, and nowhere else.
import { configFromEnv } from './config';
import { createLambdaHandler } from './lambda/createHandler';

export const handler = createLambdaHandler(configFromEnv(process.env));
