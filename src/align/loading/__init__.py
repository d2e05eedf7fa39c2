"""Reading plan and framework files: safe YAML with line numbers (yamlfile), the schema checks (schema), plan
files (plans) and framework files and directories (frameworks). Every problem is an InputError located in its
file; nothing is skipped silently."""
