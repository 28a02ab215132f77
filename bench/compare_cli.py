"""The command's JSON (plans, with reminders when there is a treatment time) over a seeded grid of
treatments from two builds of the command: every document byte-identical, and the same error line
and exit status where a combination is refused. For a change that must not change any output.

Run: python3 bench/compare_cli.py OLD/aftercare NEW/aftercare [N=1200]   (a check, not a test)
"""
import random, subprocess, sys
old, new = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1200
rng = random.Random(7)
devices = ["home_roller", "pen", "rf"]; areas = ["face", "periorbital", "neck", "decolletage", "scalp", "back", "abdomen", "thighs", "arms", "hands"]
depths = ["0.1", "0.25", "0.5", "0.75", "1.0", "1.5", "2.0", "2.5", "3.0"]
inds = [None, "acne_scars", "wrinkles", "texture", "stretch_marks", "hair_loss", "pigmentation"]
zones = ["Europe/London", "Europe/Kyiv", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]
times = [None, "2026-11-21T14:00", "2026-10-24T20:17", "2026-03-28T23:59"]
same = differ = 0
for i in range(n):
    args = ["plan", "--format", "json", "--device", rng.choice(devices), "--depth", rng.choice(depths), "--area", rng.choice(areas),
            "--skin-type", str(rng.randint(1, 6)), "--session", str(rng.randint(1, 5))]
    ind = rng.choice(inds)
    if ind: args += ["--indication", ind]
    if rng.random() < 0.3: args += ["--adjunct", "prp"]
    for h in ("cold_sore_history", "pigmentation_history"):
        if rng.random() < 0.25: args += ["--history", h]
    t = rng.choice(times)
    if t: args += ["--treated-at", t, "--tz", rng.choice(zones)]
    if rng.random() < 0.3: args += ["--lang", rng.choice(["es", "uk", "en-US"])]
    a = subprocess.run([old, *args], capture_output=True); b = subprocess.run([new, *args], capture_output=True)
    if (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr):
        same += 1
    else:
        differ += 1
        print("DIFFER:", " ".join(args))
print(f"{same} identical, {differ} different")
