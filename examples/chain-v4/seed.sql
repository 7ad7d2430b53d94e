-- emqx-acl compile db.acl.conf --to mysql --emqx 4
SET NAMES utf8mb4;

CREATE TABLE `mqtt_acl` (
  seq INTEGER NOT NULL PRIMARY KEY,
  rule_no INTEGER NOT NULL,
  allow INTEGER NOT NULL,
  ipaddr VARCHAR(60) NULL,
  username VARBINARY(2048) NULL,
  clientid VARBINARY(2048) NULL,
  access INTEGER NOT NULL,
  topic BLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
START TRANSACTION;
INSERT INTO `mqtt_acl` (seq, rule_no, allow, ipaddr, username, clientid, access, topic) VALUES
  (1, 1, 1, NULL, 'sensor1', NULL, 2, 'sensors/%u/#'),
  (2, 2, 0, NULL, 'sensor1', NULL, 3, '#'),
  (3, 3, 1, NULL, NULL, 'gw-01', 3, 'gateway/%c/#');
COMMIT;
