# The 10,000-instance global database the forensics benchmarks share, written into the testbed's
# node1 through `lxd sql global` (sourced; needs sqlg, a function running `lxd sql global` on node1):
# 10,000 instances with 10,000 instances_profiles and 30,000 instances_config rows, then 1,100
# small writes, so that LXD's snapshot holds them and a log tail follows it. Written once.
ten_thousand_instances() {
  if (($(sqlg "SELECT COUNT(*) FROM instances WHERE name LIKE 'bench%'" | grep -o '[0-9][0-9]*' | head -1) < 10000)); then
    echo "writing 10,000 instances" >&2
    sqlg "INSERT INTO instances(node_id,name,architecture,type,ephemeral,creation_date,stateful,description,project_id) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<10000) SELECT 1,'bench'||x,2,0,0,'2026-01-01 00:00:00',0,'',1 FROM c" >/dev/null
    sqlg "INSERT INTO instances_profiles(instance_id,profile_id,apply_order) SELECT id,1,0 FROM instances WHERE name LIKE 'bench%'" >/dev/null
    for kv in "image.os|busybox" "volatile.base_image|354e1751e6e096822e462091cd856971329f122ef787e1bfccbac4e6044045c0" "volatile.eth0.hwaddr|00:16:3e:5d:0b:10"; do
      sqlg "INSERT INTO instances_config(instance_id,key,value) SELECT id,'${kv%%|*}','${kv#*|}' FROM instances WHERE name LIKE 'bench%'" >/dev/null
    done
    stmts=$(for i in $(seq 1 1100); do printf "UPDATE instances SET description='d%d' WHERE name='bench%d';" "$i" "$i"; done)
    sqlg "${stmts%;}" >/dev/null
  fi
}
