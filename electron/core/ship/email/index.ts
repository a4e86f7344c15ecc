export { parseEmailAddress } from './email-address';
export { PartTooLargeError } from './email-plan';
export {
  DEFAULT_MAIL_LIMIT,
  messagePath,
  writeEmailMessages,
  type EmailOptions,
  type WrittenMessage,
} from './write-email-messages';
