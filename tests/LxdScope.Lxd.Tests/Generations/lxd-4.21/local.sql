-- Rows of node2's local database (the member that answered members.json).
-- Load Local/Schemas/local-42.sql first.
INSERT INTO schema (version, updated_at) VALUES (42, 1636970400);
INSERT INTO config (key, value) VALUES ('core.https_address', '192.0.2.2:8443');
INSERT INTO config (key, value) VALUES ('cluster.https_address', '192.0.2.2:8443');
INSERT INTO raft_nodes (id, address, role, name) VALUES (1, '192.0.2.1:8443', 0, 'node1');
INSERT INTO raft_nodes (id, address, role, name) VALUES (2, '192.0.2.2:8443', 0, 'node2');
INSERT INTO raft_nodes (id, address, role, name) VALUES (3, '192.0.2.3:8443', 0, 'node3');
INSERT INTO raft_nodes (id, address, role, name) VALUES (4, '192.0.2.4:8443', 1, 'node4');
INSERT INTO raft_nodes (id, address, role, name) VALUES (5, '192.0.2.5:8443', 1, 'node5');
INSERT INTO raft_nodes (id, address, role, name) VALUES (6, '192.0.2.6:8443', 2, 'node6');
