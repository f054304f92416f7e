/** A problem with how the audit was called or with the project it was pointed at: exit code 2, a message, no stack trace. */
export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
}
