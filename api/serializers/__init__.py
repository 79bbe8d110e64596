"""What the API reads and writes, one module per resource. Output serializers shape the
responses; input serializers validate what a caller sends before a view hands it to the
service that owns the rule.

Every field carries a help_text: it becomes the field's description in the OpenAPI schema.
"""
