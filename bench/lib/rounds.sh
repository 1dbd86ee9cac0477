# Interleaved hyperfine rounds, sourced by the bench scripts: a change in the machine's load during
# the run hits every command alike instead of whichever ran then.
#
#   rounds ROUNDS RUNS ANCHOR_NAME  NAME1 CMD1  NAME2 CMD2 ...
#
# Each round times every command RUNS times (hyperfine -N: no shell; one warm-up run each; output
# to /dev/null), in an order that rotates from round to round. Then one markdown table over all
# rounds: mean ± σ, median, min, max, and each command's mean and median divided by the anchor's.
# The medians (ms, one line per command: NAME<tab>MEDIAN) are left in $ROUNDS_MEDIANS when it is
# set, for scripts that quote ratios. Needs hyperfine and python3.
rounds() {
  local rounds=$1 runs=$2 anchor=$3 r i k
  shift 3
  local -a names=() cmds=()
  while (($# >= 2)); do
    names+=("$1") cmds+=("$2")
    shift 2
  done
  local n=${#names[@]} work
  work=$(mktemp -d /tmp/lxdscope-rounds.XXXXXX)
  for ((r = 0; r < rounds; r++)); do
    local -a args=()
    for ((i = 0; i < n; i++)); do
      k=$(((i + r) % n))
      args+=(-n "${names[$k]}" "${cmds[$k]}")
    done
    hyperfine -N --warmup 1 --runs "$runs" --style none --export-json "$work/round-$r.json" "${args[@]}" >/dev/null 2>"$work/hyperfine.log" ||
      { cat "$work/hyperfine.log" >&2; rm -rf "$work"; return 1; }
  done
  python3 - "$work" "$rounds" "$anchor" "${ROUNDS_MEDIANS:-}" <<'EOF'
import json, statistics, sys
work, rounds, anchor, medians = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
times, order = {}, []
for r in range(rounds):
    for res in json.load(open(f"{work}/round-{r}.json"))["results"]:
        if res["command"] not in times:
            order.append(res["command"])
        times.setdefault(res["command"], []).extend(t * 1000 for t in res["times"])
base_mean = statistics.mean(times[anchor])
base_median = statistics.median(times[anchor])
print("| Command | Mean ± σ [ms] | Median [ms] | Min [ms] | Max [ms] | Mean / anchor | Median / anchor |")
print("|:---|---:|---:|---:|---:|---:|---:|")
for name in [anchor] + sorted(n for n in order if n != anchor):
    t = times[name]
    sd = statistics.stdev(t) if len(t) > 1 else 0.0
    print(f"| `{name}` | {statistics.mean(t):.1f} ± {sd:.1f} | {statistics.median(t):.1f} | {min(t):.1f} | {max(t):.1f} "
          f"| {statistics.mean(t) / base_mean:.2f} | {statistics.median(t) / base_median:.2f} |")
if medians:
    with open(medians, "w") as out:
        for name in order:
            out.write(f"{name}\t{statistics.median(times[name]):.3f}\n")
EOF
  rm -rf "$work"
}
