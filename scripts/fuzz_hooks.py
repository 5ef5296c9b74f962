"""schemathesis's hooks for scripts/fuzz (loaded through SCHEMATHESIS_HOOKS).

The CV upload's body is a PDF: sent as the raw bytes generated for its
`format: binary` schema, as an octet stream would be.
"""

import schemathesis

schemathesis.serializer.alias("application/pdf", "application/octet-stream")
