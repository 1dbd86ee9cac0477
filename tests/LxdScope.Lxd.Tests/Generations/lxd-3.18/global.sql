-- Rows of LXD 3.18's global database behind members.json, observed at 2019-10-20 09:30:00.5 +0000 UTC.
-- Load Global/Schemas/global-18.sql first.
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (1, 'node1', '', '192.0.2.1:8443', 18, 148, '2019-10-20 09:29:58.399999689+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (2, 'node2', '', '192.0.2.2:8443', 18, 148, '2019-10-20 09:29:55.199995783+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (3, 'node3', '', '192.0.2.3:8443', 18, 148, '2019-10-20 09:29:56.799999092+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (4, 'node4', '', '192.0.2.4:8443', 18, 148, '2019-10-20 09:29:54.299999945+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (5, 'node5', '', '192.0.2.5:8443', 18, 148, '2019-10-20 09:28:24.987654322+00:00', 0);
INSERT INTO nodes_roles (node_id, role) VALUES (1, 0);
INSERT INTO nodes_roles (node_id, role) VALUES (2, 0);
INSERT INTO nodes_roles (node_id, role) VALUES (3, 0);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (1, 1, 'web1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (2, 2, 'web2', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (3, 3, 'db1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'cache1', 2, 0, '', 1);
