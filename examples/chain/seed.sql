-- the mysql source's rows, written by: emqx-acl compile rules.acl.conf --to mysql --emqx 5
-- (rules.acl.conf: sensor1 may publish under sensors/sensor1/, nothing else under sensors/;
--  the client id "dashboard" may subscribe to sensors/#)
SET NAMES utf8mb4;

CREATE TABLE `mqtt_acl` (
  seq INTEGER NOT NULL PRIMARY KEY,
  rule_no INTEGER NOT NULL,
  username VARBINARY(2048) NULL,
  clientid VARBINARY(2048) NULL,
  cidr_text VARCHAR(64) NULL,
  ip_net VARBINARY(16) NULL,
  ip_k TINYINT UNSIGNED NULL,
  ip_m TINYINT UNSIGNED NULL,
  permission VARCHAR(5) NOT NULL,
  action VARCHAR(9) NOT NULL,
  topic BLOB NOT NULL,
  qos VARCHAR(5) NULL,
  retain SMALLINT NULL,
  INDEX (username(255)),
  INDEX (clientid(255))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
START TRANSACTION;
INSERT INTO `mqtt_acl` (seq, rule_no, username, clientid, cidr_text, ip_net, ip_k, ip_m, permission, action, topic, qos, retain) VALUES
  (1, 1, 'sensor1', NULL, NULL, NULL, NULL, NULL, 'allow', 'publish', 'sensors/sensor1/#', NULL, NULL),
  (2, 2, 'sensor1', NULL, NULL, NULL, NULL, NULL, 'deny', 'all', 'sensors/#', NULL, NULL),
  (3, 3, NULL, 'dashboard', NULL, NULL, NULL, NULL, 'allow', 'subscribe', 'sensors/#', NULL, NULL);
COMMIT;
