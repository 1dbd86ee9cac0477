-- Rows of hypercube03's local database (the member that answered members.json).
-- Load Local/Schemas/local-38.sql first.
INSERT INTO config (key, value) VALUES ('core.https_address', '192.168.0.48:8443');
INSERT INTO config (key, value) VALUES ('cluster.https_address', '192.168.0.48:8443');
INSERT INTO raft_nodes (id, address) VALUES (1, '192.168.0.46:8443');
INSERT INTO raft_nodes (id, address) VALUES (2, '192.168.0.47:8443');
INSERT INTO raft_nodes (id, address) VALUES (3, '192.168.0.48:8443');
