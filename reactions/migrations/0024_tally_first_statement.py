from django.db import migrations, models

from reactions.migration_ops import PostgresOnlySQL, SQLiteOnlySQL

# Each tally row also keeps the least id of the statements it counts (reactions.models.DayTally.first_id):
# the overview's representative statement of a side is then read with its counts, not sought in the
# statements for every new period. Adding a statement keeps the lesser id; removing the one a row
# names reads the row's least again from the statements (one short walk of the country's index), so
# the id is right after any write, in either order of an update's two triggers.
KEY = "said_on, speaker_country, speaker_kind, topic, act, language"
SAME_ROW = """s.speaker_country = {t}.speaker_country AND s.speaker_kind = {t}.speaker_kind
      AND s.topic = {t}.topic AND s.act = {t}.act AND s.language = {t}.language AND NOT s.rejected"""


def _postgres_functions(first: bool) -> str:
    shown = "WHERE NOT rejected"
    if not first:  # as 0021 left them
        kept, least, recount, found = "", "", "", ""
    else:
        kept, least, found = ", first_id", ", min(id)", ", min(id) AS first_id"
        recount = f""",
    first_id = CASE
      WHEN gone.first_id > t.first_id THEN t.first_id
      WHEN t.said_on = DATE '0001-01-01' THEN
        (SELECT min(s.id) FROM reactions_statement s
         WHERE s.said_on IS NULL AND {SAME_ROW.format(t="t")})
      ELSE (SELECT min(s.id) FROM reactions_statement s
            WHERE s.said_on = t.said_on AND {SAME_ROW.format(t="t")})
    END"""
    upsert = "statements = reactions_daytally.statements + EXCLUDED.statements"
    if first:
        upsert += ", first_id = LEAST(reactions_daytally.first_id, EXCLUDED.first_id)"
    return f"""
CREATE OR REPLACE FUNCTION reactions_tally_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reactions_daytally ({KEY}, statements{kept})
  SELECT COALESCE(said_on, DATE '0001-01-01'), speaker_country, speaker_kind, topic, act, language,
         count(*){least}
  FROM written {shown} GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ({KEY}) DO UPDATE SET {upsert};
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION reactions_tally_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reactions_daytally t SET statements = t.statements - gone.n{recount}
  FROM (SELECT COALESCE(said_on, DATE '0001-01-01') AS said_on, speaker_country, speaker_kind, topic, act,
               language, count(*) AS n{found}
        FROM removed {shown} GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6) gone
  WHERE (t.said_on, t.speaker_country, t.speaker_kind, t.topic, t.act, t.language)
      = (gone.said_on, gone.speaker_country, gone.speaker_kind, gone.topic, gone.act, gone.language);
  RETURN NULL;
END $$;
"""


POSTGRES_FILLED = """
UPDATE reactions_daytally t SET first_id = f.first_id
FROM (SELECT COALESCE(said_on, DATE '0001-01-01') AS said_on, speaker_country, speaker_kind, topic, act,
             language, min(id) AS first_id
      FROM reactions_statement WHERE NOT rejected GROUP BY 1, 2, 3, 4, 5, 6) f
WHERE (t.said_on, t.speaker_country, t.speaker_kind, t.topic, t.act, t.language)
    = (f.said_on, f.speaker_country, f.speaker_kind, f.topic, f.act, f.language);
"""
SQLITE_FILLED = f"""
UPDATE reactions_daytally SET first_id = (
  SELECT min(s.id) FROM reactions_statement s
  WHERE COALESCE(s.said_on, '0001-01-01') = reactions_daytally.said_on
    AND {SAME_ROW.format(t="reactions_daytally")});
"""


def _sqlite_triggers(first: bool) -> str:
    keep = """, first_id = CASE WHEN first_id IS NULL OR excluded.first_id < first_id
    THEN excluded.first_id ELSE first_id END"""
    add = f"""INSERT INTO reactions_daytally ({KEY}, statements{", first_id" if first else ""})
  VALUES (COALESCE(NEW.said_on, '0001-01-01'), NEW.speaker_country, NEW.speaker_kind, NEW.topic, NEW.act,
          NEW.language, 1{", NEW.id" if first else ""})
  ON CONFLICT ({KEY}) DO UPDATE SET statements = statements + 1{keep if first else ""};"""
    recount = f""", first_id = CASE WHEN first_id < OLD.id THEN first_id ELSE
    (SELECT min(s.id) FROM reactions_statement s
     WHERE s.said_on IS OLD.said_on AND {SAME_ROW.format(t="OLD")})
  END"""
    remove = f"""UPDATE reactions_daytally SET statements = statements - 1{recount if first else ""}
  WHERE said_on = COALESCE(OLD.said_on, '0001-01-01') AND speaker_country = OLD.speaker_country
    AND speaker_kind = OLD.speaker_kind AND topic = OLD.topic AND act = OLD.act
    AND language = OLD.language;"""
    columns = "said_on, speaker_country, speaker_kind, topic, act, language, rejected"
    return f"""
DROP TRIGGER IF EXISTS reactions_tally_insert;
DROP TRIGGER IF EXISTS reactions_tally_delete;
DROP TRIGGER IF EXISTS reactions_tally_update_old;
DROP TRIGGER IF EXISTS reactions_tally_update_new;
CREATE TRIGGER reactions_tally_insert AFTER INSERT ON reactions_statement WHEN NOT NEW.rejected BEGIN
  {add}
END;
CREATE TRIGGER reactions_tally_delete AFTER DELETE ON reactions_statement WHEN NOT OLD.rejected BEGIN
  {remove}
END;
CREATE TRIGGER reactions_tally_update_old AFTER UPDATE OF {columns} ON reactions_statement
WHEN NOT OLD.rejected BEGIN
  {remove}
END;
CREATE TRIGGER reactions_tally_update_new AFTER UPDATE OF {columns} ON reactions_statement
WHEN NOT NEW.rejected BEGIN
  {add}
END;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reactions", "0023_statement_doubt_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="daytally",
            name="first_id",
            field=models.BigIntegerField(null=True),
        ),
        PostgresOnlySQL(_postgres_functions(first=True), _postgres_functions(first=False)),
        PostgresOnlySQL(POSTGRES_FILLED, migrations.RunSQL.noop),
        SQLiteOnlySQL(_sqlite_triggers(first=True), _sqlite_triggers(first=False)),
        SQLiteOnlySQL(SQLITE_FILLED, migrations.RunSQL.noop),
    ]
