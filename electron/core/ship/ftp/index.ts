export { type AcceptedCertificate, normaliseFingerprint } from './ftp-certificate';
export { ftpPasswordRef, saveFtpPassword, savedFtpPassword } from './ftp-password';
export { ANONYMOUS, type FtpTarget, type FtpTls, parseFtpUrl } from './ftp-url';
export { type FtpShipReceipt, shipFtp, type ShipFtpOptions } from './ship-ftp';
