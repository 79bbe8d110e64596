"""The API's endpoints, one module per resource: thin viewsets over the selectors (reads)
and the services (writes). base.py holds what they share, among it the one error body
every failure answers with (settings' EXCEPTION_HANDLER).

Who sees what is decided in get_queryset(): an object outside the caller's view is simply
not in it, so it answers 404 rather than 403.
"""
