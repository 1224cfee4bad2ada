# Sourced by scripts/serve.sh and scripts/standalone.sh (from the checkout's root, with
# `python` and `step` set): .venv/ with the runtime lock, installed again only when the
# lock changed since the last install (its hash is kept in .venv). The lock is complete —
# every dependency pinned with its hashes — so pip resolves nothing (--no-deps); modules
# are byte-compiled when first imported, not all of them at install (--no-compile: half
# the install time, measured). With no route out, PIP_NO_INDEX=1 PIP_FIND_LINKS=<the
# offline kit's wheels> install from the kit (docs/DEPLOYMENT.md).
if [ ! -x .venv/bin/python ]; then
    step "Creating the virtual environment .venv/ ($("$python" --version))"
    "$python" -m venv .venv
fi
lock_hash=$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("requirements.txt", "rb").read()).hexdigest())')
stamp=.venv/requirements.txt.sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_hash" ]; then
    packages=$(grep -c '^[A-Za-z0-9]' requirements.txt)
    step "Installing the runtime lock into .venv/: $packages packages, each checked against its hash (the first time: a minute or two, mostly downloading)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --progress-bar off \
        --require-hashes --no-deps --no-compile -r requirements.txt
    echo "$lock_hash" >"$stamp"
else
    step "The runtime lock is already installed in .venv/ (requirements.txt unchanged)"
fi
