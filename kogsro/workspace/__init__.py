"""The workspace: locate it, read its YAML strictly, validate it into the model.

Submodules: locate, yamlsource (the YAML composer), validation (errors mapped to file:line:col),
model, loader (the Workspace object), recipients, timeplan, schema, scaffold. Import from them
directly; this package imports nothing so that `kogsro --help` stays cheap.
"""
