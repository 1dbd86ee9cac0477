-- Rows of LXD 4.0.0's global database behind members.json, observed at 2020-04-15 12:00:00.25 +0000 UTC.
-- Load Global/Schemas/global-18.sql first.
-- LXD's updateFromV19 (schema 20) added arch; the other tables read here are unchanged up to 28.
ALTER TABLE nodes ADD COLUMN arch INTEGER NOT NULL DEFAULT 0 CHECK (arch > 0);
INSERT INTO schema (version, updated_at) VALUES (28, 1584360000);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (1, 'node1', '', '192.0.2.1:8443', 28, 181, '2020-04-15 11:59:58.149999689+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (2, 'node2', '', '192.0.2.2:8443', 28, 181, '2020-04-15 11:59:54.949995783+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (3, 'node3', '', '192.0.2.3:8443', 28, 181, '2020-04-15 11:59:56.549999092+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (4, 'node4', '', '192.0.2.4:8443', 28, 181, '2020-04-15 11:59:54.049999945+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (5, 'node5', '', '192.0.2.5:8443', 28, 181, '2020-04-15 11:58:24.737654322+00:00', 0, 2);
INSERT INTO nodes_roles (node_id, role) VALUES (1, 0);
INSERT INTO nodes_roles (node_id, role) VALUES (2, 0);
INSERT INTO nodes_roles (node_id, role) VALUES (3, 0);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (1, 1, 'web1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (2, 2, 'web2', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (3, 3, 'db1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'cache1', 2, 0, '', 1);
