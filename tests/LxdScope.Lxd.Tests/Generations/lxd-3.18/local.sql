-- Rows of node1's local database (the member that answered members.json).
-- Load Local/Schemas/local-38.sql first.
INSERT INTO config (key, value) VALUES ('core.https_address', '192.0.2.1:8443');
INSERT INTO config (key, value) VALUES ('cluster.https_address', '192.0.2.1:8443');
INSERT INTO raft_nodes (id, address) VALUES (1, '192.0.2.1:8443');
INSERT INTO raft_nodes (id, address) VALUES (2, '192.0.2.2:8443');
INSERT INTO raft_nodes (id, address) VALUES (3, '192.0.2.3:8443');
