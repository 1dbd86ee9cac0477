-- Rows of node1's local database (the member that answered members.json).
-- Load Local/Schemas/local-39.sql first.
INSERT INTO config (key, value) VALUES ('core.https_address', '192.0.2.1:8443');
INSERT INTO config (key, value) VALUES ('cluster.https_address', '192.0.2.1:8443');
INSERT INTO raft_nodes (id, address, role) VALUES (1, '192.0.2.1:8443', 0);
INSERT INTO raft_nodes (id, address, role) VALUES (2, '192.0.2.2:8443', 0);
INSERT INTO raft_nodes (id, address, role) VALUES (3, '192.0.2.3:8443', 0);
INSERT INTO raft_nodes (id, address, role) VALUES (4, '192.0.2.4:8443', 1);
INSERT INTO raft_nodes (id, address, role) VALUES (5, '192.0.2.5:8443', 2);
