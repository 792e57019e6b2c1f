#!/bin/sh
# Writes the inputs of benches/scaling.sh: each grows one dimension and keeps the others small
# (deterministic; awk only).
#   benches/scaling_data.sh KIND N OUT
# KIND and what OUT becomes:
#   csv-columns   a CSV file: 20 rows, the columns every CSV-reading command asks for, then
#                 N filler columns
#   csv-rows      a CSV file: those columns over N rows (N/10 patients, 10 visits each)
#   levels        a CSV file: 20 rows a level of the factor g, N levels
#   terms         a CSV file: 2,000 rows in 20 groups g, columns x1 … xN (for
#                 y ~ x1 + … + xN + (1 | g))
#   timepoints    a data folder: one study, one measure with N time points
#   measures      a data folder: one study with N measures of two time points
#   arms          a data folder: one trial with N arms (one the control), a measure and a
#                 count reported by every arm
#   facts         a data folder: one study with N facts, each a part of the first
#   expectations  a data folder: one study with N expectations over its facts
#   studies       a data folder of N studies, each with two facts, a measure and an
#                 expectation
set -eu
kind=$1
n=$2
out=$3

# The columns of the CSV kinds: meta (yi, vi), lmm and glmm (y, month, patient, count,
# arm), effect --input MD (m1i … n2i), convert median --input (median, q1, q3, n) and plot
# trajectory --input (id, time, value).
csv() {
  awk -v rows="$1" -v filler="$2" -v levels="$3" 'BEGIN {
    srand(25); pi = 3.141592653589793
    printf "yi,vi,y,month,patient,count,arm,m1i,sd1i,n1i,m2i,sd2i,n2i,median,q1,q3,n,id,time,value"
    for (j = 1; j <= filler; j++) printf ",extra%d", j
    printf "\n"
    for (i = 0; i < rows; i++) {
      p = (levels > 0) ? int(i / 20) : int(i / 10)
      m = i % 10
      z = sqrt(-2 * log(1 - rand())) * cos(2 * pi * rand())
      printf "%.4f,%.4f,%.3f,%d,P%d,%d,%s", 0.3 + 0.2 * z, 0.02 + 0.01 * rand(), 40 - 0.5 * m + 2 * z, m, p, int(3 * rand()), (p % 2 ? "active" : "placebo")
      printf ",%.2f,%.2f,%d,%.2f,%.2f,%d", 5 + z, 1.5, 20 + i % 7, 4.5, 1.4, 21 + i % 5
      printf ",%d,%d,%d,%d,P%d,%d,%.2f", 6 + i % 3, 4, 10, 30, p, m, 40 - 0.5 * m + z
      for (j = 1; j <= filler; j++) printf ",%d", j % 10
      printf "\n"
    }
  }'
}

# The head of a study file: its id is the folder's file name.
study_head() {
  cat <<EOF
schema = 1
id = "$1"
title = "Synthetic study for the scaling benchmark"
source_file = "none.txt"
document = "synthetic"
publication = { title = "not reported", journal = "not reported", date = "2020", doi = "not reported" }
design = "synthetic"
population = "synthetic"
intervention = "none"

EOF
}

# One measure $1 with $2 time points (means as printed with one decimal, n = 12).
measure() {
  awk -v id="$1" -v k="$2" 'BEGIN {
    printf "[[measures]]\nid = \"%s\"\nlabel = \"Score %s\"\nunit = \"points\"\n", id, id
    printf "scale = { min = 0, max = 60, step = 1 }\nn = 12\ndispersion = \"SD\"\n"
    printf "correlation = \"not reported\"\ndirection = \"lower is better\"\n"
    printf "claim = { significant = true, wording = \"improved\" }\nquote = \"q\"\nwhere = \"w\"\n\n"
    for (t = 0; t < k; t++) {
      printf "[[measures.timepoints]]\nid = \"t%d\"\nwhen = \"visit %d\"\n", t, t
      printf "mean = \"%.1f\"\nspread = \"%.1f\"\n\n", 30 - 10 * t / k + (t % 3) / 3, 4 + (t % 5) / 5
    }
  }'
}

fact() {
  printf '[[facts]]\nid = "%s"\nlabel = "Fact %s"\nvalue = "%s"\nunit = "patients"\n' "$1" "$1" "$2"
  [ -n "${3:-}" ] && printf 'of = "%s"\n' "$3"
  printf 'quote = "q"\nwhere = "w"\n\n'
}

case "$kind" in
csv-columns) csv 20 "$n" 0 > "$out" ;;
csv-rows) csv "$n" 0 0 > "$out" ;;
levels) csv $((20 * n)) 0 1 > "$out" ;;
terms)
  awk -v p="$n" 'BEGIN {
    srand(25)
    printf "y,g"; for (j = 1; j <= p; j++) printf ",x%d", j; printf "\n"
    for (i = 0; i < 2000; i++) {
      printf "%.3f,G%d", rand(), i % 20; for (j = 1; j <= p; j++) printf ",%.3f", rand(); printf "\n"
    }
  }' > "$out"
  ;;
timepoints | measures | arms | facts | expectations | studies)
  rm -rf "$out"
  mkdir -p "$out"
  ;;
*)
  echo "unknown kind $kind" >&2
  exit 2
  ;;
esac

case "$kind" in
timepoints) { study_head s; measure score "$n"; } > "$out/s.toml" ;;
measures)
  {
    study_head s
    i=0
    while [ $i -lt "$n" ]; do measure "m$i" 2; i=$((i + 1)); done
  } > "$out/s.toml"
  ;;
arms)
  {
    study_head s
    awk -v k="$n" 'BEGIN {
      for (a = 0; a < k; a++) {
        printf "[[arms]]\nid = \"a%d\"\nlabel = \"Arm %d\"\nn = 20\n", a, a
        if (a == 0) printf "control = true\n"
        printf "quote = \"q\"\nwhere = \"w\"\n\n"
      }
      printf "[[arm_measures]]\nid = \"score\"\nlabel = \"Score\"\nunit = \"points\"\n"
      printf "scale = { min = 0, max = 60, step = 1 }\ndispersion = \"SD\"\ncorrelation = \"not reported\"\n"
      printf "direction = \"lower is better\"\nclaim = { significant = true, wording = \"w\" }\nquote = \"q\"\nwhere = \"w\"\n\n"
      for (a = 0; a < k; a++) {
        printf "[[arm_measures.arms]]\narm = \"a%d\"\n\n", a
        printf "[[arm_measures.arms.timepoints]]\nid = \"week_24\"\nwhen = \"week 24\"\n"
        printf "mean = \"%.1f\"\nspread = \"%.1f\"\n\n", 30 - a % 7, 4 + (a % 5) / 5
      }
      printf "[[arm_counts]]\nid = \"events\"\nlabel = \"Patients with an event\"\n"
      printf "direction = \"lower is better\"\nquote = \"q\"\nwhere = \"w\"\n\n"
      for (a = 0; a < k; a++) printf "[[arm_counts.arms]]\narm = \"a%d\"\nevents = \"%d\"\n\n", a, 3 + a % 9
    }'
  } > "$out/s.toml"
  ;;
facts)
  {
    study_head s
    fact f0 "$((n * 10))"
    i=1
    while [ $i -lt "$n" ]; do fact "f$i" "$((i % 10))" f0; i=$((i + 1)); done
  } > "$out/s.toml"
  ;;
expectations)
  {
    study_head s
    fact a 3
    fact b 4
    i=0
    while [ $i -lt "$n" ]; do
      printf '[[expectations]]\nid = "e%d"\ndescription = "3 + 4 = 7"\ncompute = "sum(a, b)"\nexpected = 7\ntolerance = 0\n\n' "$i"
      i=$((i + 1))
    done
  } > "$out/s.toml"
  ;;
studies)
  i=0
  while [ $i -lt "$n" ]; do
    {
      study_head "s$i"
      fact a 3
      fact b 4
      measure score 2
      printf '[[expectations]]\nid = "e"\ndescription = "3 + 4 = 7"\ncompute = "sum(a, b)"\nexpected = 7\ntolerance = 0\n\n'
    } > "$out/s$i.toml"
    i=$((i + 1))
  done
  ;;
esac
