// The remote-exec API for the rest of the core; the other files here are its parts.
export { execRemote, type ExecOptions, type ExecResult } from './exec-remote';
export {
  probePrivileges,
  runAsRoot,
  runAsZimbra,
  type PrivilegeProbe,
  type PrivilegedOptions,
  type ServiceUserOptions,
} from './privilege';
export { command, quote } from './shell-quote';
export { verifySudo, type SudoVerification, type VerifySudoOptions } from './verify-sudo';
