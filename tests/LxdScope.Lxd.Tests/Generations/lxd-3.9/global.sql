-- Rows of LXD 3.9's global database behind members.json, observed at 2019-01-22 06:13:20.184467 +0000 UTC.
-- Load Global/Schemas/global-13.sql first.
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (1, 'hypercube01', '', '192.168.0.46:8443', 13, 115, '2019-01-22 06:13:18.084343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (2, 'hypercube02', '', '192.168.0.47:8443', 13, 115, '2019-01-22 06:13:19.284343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (3, 'hypercube03', '', '192.168.0.48:8443', 13, 115, '2019-01-22 06:13:16.984343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (4, 'hypercube04', '', '192.168.0.51:8443', 13, 115, '2019-01-22 06:13:18.484343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (5, 'hypercube05', '', '192.168.0.30:8443', 13, 115, '2019-01-22 06:13:17.584343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (6, 'hypercube06', '', '192.168.0.21:8443', 13, 115, '2019-01-22 06:13:19.784343544+00:00', 0);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending) VALUES (7, 'hypercube07', '', '192.168.0.26:8443', 13, 115, '2019-01-22 06:13:16.684343544+00:00', 0);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (1, 2, 'grafana', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (2, 3, 'go', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (3, 1, 'guyujie', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'nginx', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (5, 1, 'lxdui01', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (6, 1, 'crack-mako', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (7, 5, 'lxdui02', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (8, 6, 'fluent-hamster', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (9, 1, 'b2', 2, 0, '', 1);
INSERT INTO containers (id, node_id, name, architecture, type, description, project_id) VALUES (10, 2, 'b3', 2, 0, '', 1);
