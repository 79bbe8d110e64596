"""Writes and workflows for members, one module per subject: `memberships` (role groups,
membership periods, renewal notices), `people` (accounts, sign-up, colleagues and their
invitations, profiles), `case_studies` (case studies and announcements) and `api_tokens`;
`mail` holds the e-mail helpers they share. Callers import from the module that owns the
function."""
