# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME when it qualifies, then the JDK on the PATH, then known install paths.

qwen_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

qwen_select_jdk() {
    local candidate
    local path_java
    path_java=$(command -v java 2>/dev/null || true)
    if [ -n "$path_java" ]; then
        path_java=$(dirname "$(dirname "$(readlink -f "$path_java")")")
    fi
    for candidate in "${JAVA_HOME:-}" "$path_java" \
        /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
        /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 \
        /usr/lib/jvm/*; do
        if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
            local major
            major=$(qwen_java_major "$candidate")
            if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
                export JAVA_HOME="$candidate"
                export PATH="$JAVA_HOME/bin:$PATH"
                return 0
            fi
        fi
    done
    echo "No JDK 21 or newer found. Install one (e.g. Temurin 21) and set JAVA_HOME to it." >&2
    return 1
}

qwen_select_jdk
