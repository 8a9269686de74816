"""Pure helpers: no Django models, no database; tested on their own."""
