-- Rows of LXD 4.15's global database behind members.json, observed at 2021-06-10 14:00:00.6 +0000 UTC.
-- Load Global/Schemas/global-48.sql first.
INSERT INTO nodes_failure_domains (id, name) VALUES (1, 'rack1');
INSERT INTO nodes_failure_domains (id, name) VALUES (2, 'rack2');
INSERT INTO nodes_failure_domains (id, name) VALUES (3, 'rack3');
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch, failure_domain_id) VALUES (1, 'node1', '', '192.0.2.1:8443', 48, 251, '2021-06-10 13:59:58.499999689+00:00', 0, 2, 1);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch, failure_domain_id) VALUES (2, 'node2', '', '192.0.2.2:8443', 48, 251, '2021-06-10 13:59:55.299995783+00:00', 0, 2, 2);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch, failure_domain_id) VALUES (3, 'node3', '', '192.0.2.3:8443', 48, 251, '2021-06-10 13:59:56.899999092+00:00', 0, 2, 3);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch, failure_domain_id) VALUES (4, 'node4', 'stand-by', '192.0.2.4:8443', 48, 251, '2021-06-10 13:59:54.399999945+00:00', 0, 2, 1);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, pending, arch, failure_domain_id) VALUES (5, 'node5', '', '192.0.2.5:8443', 48, 251, '2021-06-10 13:58:25.087654322+00:00', 0, 2, 2);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (1, 1, 'web1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (2, 2, 'web2', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (3, 3, 'db1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'cache1', 2, 0, '', 1);
