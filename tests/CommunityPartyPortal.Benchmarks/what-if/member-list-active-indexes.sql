-- What-if for issue 2 (docs/performance.md): partial indexes over the members on the roll (在册), so that
-- the count, the name order and the 入党日期 order are read from a small index instead of the table.
-- Same SQL for SQLite and PostgreSQL. Run with: member-list --sql tests/CommunityPartyPortal.Benchmarks/what-if/member-list-active-indexes.sql
CREATE INDEX "IX_Members_Active_Name" ON "Members" ("Name", "Id") WHERE "MovedOutOn" IS NULL;
CREATE INDEX "IX_Members_Active_Category_Joined" ON "Members" ("Category", "JoinedPartyOn" DESC, "Name", "Id") WHERE "MovedOutOn" IS NULL;
