"""The operator's pages (/operator/): the fleet board and one school's runs and issues."""
