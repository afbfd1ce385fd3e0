-- A directory.db made by the code at commit 8cf0711 (referral_db/schema.py's hand-made
-- migrate(): m001_services ... m005_seeds), with its national seed file and an
-- operator's changes (verify, add). Written from that database: its
-- schema as sqlite_master holds it (FTS5 shadow tables come with the virtual table), then
-- its rows; the triggers fill the FTS index as the rows go in. Used by
-- tests/test_referral_schema.py to prove an upgrade loses no row.
BEGIN;
CREATE TABLE "migrations" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE TABLE "services" (
   "id" TEXT PRIMARY KEY,
   "name_vi" TEXT NOT NULL,
   "name_en" TEXT,
   "category" TEXT NOT NULL,
   "province" TEXT,
   "commune" TEXT,
   "address" TEXT,
   "phones" TEXT,
   "hours" TEXT,
   "serves" TEXT,
   "languages" TEXT,
   "lat" REAL,
   "lon" REAL,
   "free" TEXT DEFAULT 'unknown',
   "notes_vi" TEXT,
   "notes_en" TEXT,
   "source" TEXT,
   "last_verified" TEXT,
   "active" INTEGER NOT NULL DEFAULT 1,
   "demo" INTEGER NOT NULL DEFAULT 0,
   "folded" TEXT
, "hours_en" TEXT, "source_url" TEXT, "source_date" TEXT, "confidential" INTEGER NOT NULL DEFAULT 0);
CREATE INDEX "idx_services_province_category"
    ON "services" ("province", "category");
CREATE INDEX "idx_services_lat_lon"
    ON "services" ("lat", "lon");
CREATE TABLE "audit_log" (
   "id" INTEGER PRIMARY KEY,
   "service_id" TEXT,
   "at" TEXT,
   "by" TEXT,
   "field" TEXT,
   "old" TEXT,
   "new" TEXT
);
CREATE INDEX "idx_audit_log_service_id"
    ON "audit_log" ("service_id");
CREATE VIRTUAL TABLE "services_fts" USING FTS5 (
    "name_vi", "name_en", "notes_vi", "notes_en", "folded",
    tokenize='unicode61 remove_diacritics 2',
    content="services"
);
CREATE TRIGGER "services_ai" AFTER INSERT ON "services" BEGIN
  INSERT INTO "services_fts" (rowid, "name_vi", "name_en", "notes_vi", "notes_en", "folded") VALUES (new.rowid, new."name_vi", new."name_en", new."notes_vi", new."notes_en", new."folded");
END;
CREATE TRIGGER "services_ad" AFTER DELETE ON "services" BEGIN
  INSERT INTO "services_fts" ("services_fts", rowid, "name_vi", "name_en", "notes_vi", "notes_en", "folded") VALUES('delete', old.rowid, old."name_vi", old."name_en", old."notes_vi", old."notes_en", old."folded");
END;
CREATE TRIGGER "services_au" AFTER UPDATE ON "services" BEGIN
  INSERT INTO "services_fts" ("services_fts", rowid, "name_vi", "name_en", "notes_vi", "notes_en", "folded") VALUES('delete', old.rowid, old."name_vi", old."name_en", old."notes_vi", old."notes_en", old."folded");
  INSERT INTO "services_fts" (rowid, "name_vi", "name_en", "notes_vi", "notes_en", "folded") VALUES (new.rowid, new."name_vi", new."name_en", new."notes_vi", new."notes_en", new."folded");
END;
CREATE TABLE "seeds" (
   "name" TEXT PRIMARY KEY,
   "applied_at" TEXT,
   "added" INTEGER
);
INSERT INTO [migrations] (id, name, applied_at) VALUES (1, 'm001_services', '2026-12-03T14:10:36.095642+00:00');
INSERT INTO [migrations] (id, name, applied_at) VALUES (2, 'm002_audit_log', '2026-12-03T14:10:36.100279+00:00');
INSERT INTO [migrations] (id, name, applied_at) VALUES (3, 'm003_fts', '2026-12-03T14:10:36.113555+00:00');
INSERT INTO [migrations] (id, name, applied_at) VALUES (4, 'm004_sources', '2026-12-03T14:10:36.131122+00:00');
INSERT INTO [migrations] (id, name, applied_at) VALUES (5, 'm005_seeds', '2026-12-03T14:10:36.134793+00:00');
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('police-113', 'Công an (cảnh sát khẩn cấp)', 'Police emergency', 'hotline', NULL, NULL, NULL, '113', '24/7', 'everyone', 'vi', NULL, NULL, 'yes', 'Gọi khi đang gặp nguy hiểm hoặc bạo lực đang xảy ra.', 'Call when you are in immediate danger or violence is happening now.', 'national emergency number of Viet Nam (hotlines.csv)', '2026-11-20', 1, 0, 'cong an (canh sat khan cap) police emergency goi khi dang gap nguy hiem hoac bao luc dang xay ra. call when you are in immediate danger or violence is happening now.', '24/7', NULL, NULL, 0);
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('ambulance-115', 'Cấp cứu y tế', 'Medical emergency (ambulance)', 'hotline', NULL, NULL, NULL, '115', '24/7', 'everyone', 'vi', NULL, NULL, 'yes', 'Gọi khi bị thương hoặc cần cấp cứu y tế.', 'Call for injuries and medical emergencies.', 'national emergency number of Viet Nam (hotlines.csv)', NULL, 1, 0, 'cap cuu y te medical emergency (ambulance) goi khi bi thuong hoac can cap cuu y te. call for injuries and medical emergencies.', '24/7', NULL, NULL, 0);
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('fire-rescue-114', 'Cứu nạn cứu hộ / cứu hỏa', 'Fire and rescue', 'hotline', NULL, NULL, NULL, '114', '24/7', 'everyone', 'vi', NULL, NULL, 'yes', 'Cháy nổ và cứu nạn cứu hộ.', 'Fire and rescue.', 'national emergency number of Viet Nam (hotlines.csv)', NULL, 1, 0, 'cuu nan cuu ho / cuu hoa fire and rescue chay no va cuu nan cuu ho. fire and rescue.', '24/7', NULL, NULL, 0);
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('child-protection-111', 'Tổng đài quốc gia bảo vệ trẻ em', 'National child protection hotline', 'hotline', NULL, NULL, NULL, '111', '24/7', 'children', 'vi', NULL, NULL, 'yes', 'Xâm hại hoặc bạo lực với trẻ em; từ tháng 9/2025 cũng là tổng đài quốc gia về mua bán người.', 'Abuse or violence against children; since September 2025 also the national hotline for human trafficking.', 'https://saigoneer.com/vietnam-news/12016-vietnam-hopes-to-combat-child-abuse-with-new-national-child-protection-hotline-at-111 ; https://en.vneconomy.vn/a-national-telephone-hotline-for-human-trafficking-prevention-launched.htm', NULL, 1, 0, 'tong dai quoc gia bao ve tre em national child protection hotline xam hai hoac bao luc voi tre em; tu thang 9/2025 cung la tong dai quoc gia ve mua ban nguoi. abuse or violence against children; since september 2025 also the national hotline for human trafficking.', '24/7', NULL, NULL, 0);
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('peace-house-1900969680', 'Tổng đài Ngôi nhà Bình yên (Trung tâm Phụ nữ và Phát triển)', 'Peace House hotline (Center for Women and Development)', 'hotline', NULL, NULL, NULL, '1900 969 680', '24/7', 'women; children', 'vi', NULL, NULL, 'unknown', 'Phụ nữ và trẻ em bị bạo lực giới hoặc mua bán người; giới thiệu nơi tạm lánh. Một nguồn nói miễn phí nhưng số 1900 thường mất phí.', 'Women and children experiencing gender-based violence or trafficking; shelter referral. One source calls it free but 1900-prefix numbers are usually charged.', 'https://vwu.vn/tin-chi-tiet/-/chi-tiet/the-center-provides-comprehensive-free-support-services-for-women-and-children-suffering-from-gender-based-violence-63068-602.html ; https://en.vietnamplus.vn/un-women-supports-victims-of-gender-based-violence-post208970.vnp', NULL, 1, 0, 'tong dai ngoi nha binh yen (trung tam phu nu va phat trien) peace house hotline (center for women and development) phu nu va tre em bi bao luc gioi hoac mua ban nguoi; gioi thieu noi tam lanh. mot nguon noi mien phi nhung so 1900 thuong mat phi. women and children experiencing gender-based violence or trafficking; shelter referral. one source calls it free but 1900-prefix numbers are usually charged.', '24/7', NULL, NULL, 0);
INSERT INTO [services] (id, name_vi, name_en, category, province, commune, address, phones, hours, serves, languages, lat, lon, free, notes_vi, notes_en, source, last_verified, active, demo, folded, hours_en, source_url, source_date, confidential) VALUES ('demo-hue-operator-row', 'Nhà tạm lánh (demo) Huế', 'Shelter (demo) Hue', 'shelter', 'Huế', NULL, NULL, '0000 000 777', NULL, NULL, NULL, NULL, NULL, 'unknown', 'Một dòng điều hành viên thêm', NULL, 'fictional', NULL, 1, 1, 'nha tam lanh (demo) hue shelter (demo) hue mot dong dieu hanh vien them hue', '24/7', NULL, NULL, 1);
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (1, 'police-113', '2026-12-03T14:10:36+00:00', 'seed services_national.csv', 'created', NULL, 'Công an (cảnh sát khẩn cấp)');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (2, 'ambulance-115', '2026-12-03T14:10:36+00:00', 'seed services_national.csv', 'created', NULL, 'Cấp cứu y tế');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (3, 'fire-rescue-114', '2026-12-03T14:10:36+00:00', 'seed services_national.csv', 'created', NULL, 'Cứu nạn cứu hộ / cứu hỏa');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (4, 'child-protection-111', '2026-12-03T14:10:36+00:00', 'seed services_national.csv', 'created', NULL, 'Tổng đài quốc gia bảo vệ trẻ em');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (5, 'peace-house-1900969680', '2026-12-03T14:10:36+00:00', 'seed services_national.csv', 'created', NULL, 'Tổng đài Ngôi nhà Bình yên (Trung tâm Phụ nữ và Phát triển)');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (6, 'police-113', '2026-12-03T14:10:36+00:00', 'mai', 'last_verified', NULL, '2026-11-20');
INSERT INTO [audit_log] (id, service_id, at, by, field, old, new) VALUES (7, 'demo-hue-operator-row', '2026-12-03T14:10:36+00:00', 'lan', 'created', NULL, 'Nhà tạm lánh (demo) Huế');
INSERT INTO [seeds] (name, applied_at, added) VALUES ('services_national.csv', '2026-12-03T14:10:36+00:00', 5);
COMMIT;
