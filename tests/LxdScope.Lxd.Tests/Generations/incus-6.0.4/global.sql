-- Rows of Incus 6.0.4's global database behind members.json, observed at 2025-04-02 13:00:00.2 +0000 UTC.
-- Load Global/Schemas/global-73.sql first.
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (1, 'node1', '', '192.0.2.1:8443', 73, 450, '2025-04-02 12:59:58.099999689+00:00', 0, 2, NULL);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (2, 'node2', '', '192.0.2.2:8443', 73, 450, '2025-04-02 12:59:54.899995783+00:00', 0, 2, NULL);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (3, 'node3', '', '192.0.2.3:8443', 73, 450, '2025-04-02 12:59:56.499999092+00:00', 0, 2, NULL);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (4, 'node4', '', '192.0.2.4:8443', 73, 450, '2025-04-02 12:59:53.999999945+00:00', 0, 2, NULL);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (5, 'node5', '', '192.0.2.5:8443', 73, 450, '2025-04-02 12:59:55.799999223+00:00', 2, 2, NULL);
INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch, failure_domain_id) VALUES (6, 'node6', '', '192.0.2.6:8443', 73, 450, '2025-04-02 12:58:24.687654322+00:00', 0, 2, NULL);
INSERT INTO cluster_groups (id, name, description) VALUES (1, 'default', 'Default cluster group');
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (1, 1);
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (2, 1);
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (3, 1);
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (4, 1);
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (5, 1);
INSERT INTO nodes_cluster_groups (node_id, group_id) VALUES (6, 1);
INSERT INTO projects (id, name, description) VALUES (1, 'default', 'Default LXD project');
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (1, 1, 'web1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (2, 2, 'web2', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (3, 3, 'db1', 2, 0, '', 1);
INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (4, 4, 'cache1', 2, 0, '', 1);
