-- Rows of LXD 4.0.9's global database behind members.json, observed at 2022-03-10 08:00:00.75 +0000 UTC.
-- Load Global/Schemas/global-30.sql first.
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (1, 'node1', '', '192.0.2.1:8443', 30, 220, '2022-03-10 07:59:58.649999689+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (2, 'node2', '', '192.0.2.2:8443', 30, 220, '2022-03-10 07:59:55.449995783+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (3, 'node3', '', '192.0.2.3:8443', 30, 220, '2022-03-10 07:59:57.049999092+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (4, 'node4', '', '192.0.2.4:8443', 30, 220, '2022-03-10 07:59:54.549999945+00:00', 0, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch) VALUES (5, 'node5', '', '192.0.2.5:8443', 30, 220, '2022-03-10 07:58:25.237654322+00:00', 0, 2);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (1, 1, 'web1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (2, 2, 'web2', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (3, 3, 'db1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'cache1', 2, 0, '', 1);
