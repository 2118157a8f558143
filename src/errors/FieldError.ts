/**
 * One problem in a request's body or query, as every error body shows it: where (an RFC 6901
 * pointer into the body, `/model/...` for a workspace model, or `/query/<name>` for a query
 * parameter), which rule, and what to do. The one type for ApiError, ConnectionError and
 * WorkspaceError field errors.
 */
export interface FieldError {
  pointer: string;
  rule: string;
  message: string;
}
