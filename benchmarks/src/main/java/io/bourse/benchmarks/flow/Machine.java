package io.bourse.benchmarks.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The facts about the machine a figure needs to be read against. */
record Machine(int processors, long memoryMb, String cpuModel, String javaVersion, String javaVm, String os,
               String openFilesLimit) {

    static Machine here() {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
                field(Path.of("/proc/cpuinfo"), "model name"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
                openFiles());
    }

    private static long totalMemoryMb() {
        String total = field(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // Every outstanding request holds a connection, so the descriptor limit bounds how far past saturation we see.
    private static String openFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return fields[0];
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
