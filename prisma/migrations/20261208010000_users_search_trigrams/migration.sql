-- The users list's search by a part of a name or an email (docs/architecture.md, "The users
-- list"): an FTS5 index with the trigram tokenizer (SQLite 3.34 or later) over "User"'s email and
-- name, an external-content table keyed by the row's rowid, so the text is stored once. Triggers
-- keep it in step with every insert, change and deletion. A migration that rebuilds "User" drops
-- these triggers: it must create them again and rebuild the index (docs/rules.md).
CREATE VIRTUAL TABLE "UserSearch" USING fts5("email", "name", content='User', tokenize='trigram');

-- The accounts that exist already.
INSERT INTO "UserSearch"("UserSearch") VALUES ('rebuild');

CREATE TRIGGER "User_search_insert" AFTER INSERT ON "User" BEGIN
  INSERT INTO "UserSearch"(rowid, "email", "name") VALUES (new.rowid, new."email", new."name");
END;

CREATE TRIGGER "User_search_delete" AFTER DELETE ON "User" BEGIN
  INSERT INTO "UserSearch"("UserSearch", rowid, "email", "name")
    VALUES ('delete', old.rowid, old."email", old."name");
END;

CREATE TRIGGER "User_search_update" AFTER UPDATE OF "email", "name" ON "User" BEGIN
  INSERT INTO "UserSearch"("UserSearch", rowid, "email", "name")
    VALUES ('delete', old.rowid, old."email", old."name");
  INSERT INTO "UserSearch"(rowid, "email", "name") VALUES (new.rowid, new."email", new."name");
END;
