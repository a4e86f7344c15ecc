export * from './api-contract';
export * from './case-schemas';
export * from './error-codes';
export * from './job-schemas';
export * from './result';
export * from './settings-schemas';
export * from './content-security-policy';
