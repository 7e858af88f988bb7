package io.bourse.benchmarks.flow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which process listens on a TCP port, from /proc/net/tcp and the processes' open sockets. */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** The inodes of the sockets listening on the port, on IPv4 or IPv6. */
    static Set<String> inodes(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 10 || !fields[1].contains(":") || !fields[3].equals(LISTEN)) {
                        continue;
                    }
                    String local = fields[1];
                    if (Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16) == port) {
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // No such table (no IPv6), or a line that is not an entry.
            }
        }
        return inodes;
    }

    static boolean holdsAny(long pid, Set<String> inodes) {
        if (inodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")
                            && inodes.contains(target.substring("socket:[".length(), target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
