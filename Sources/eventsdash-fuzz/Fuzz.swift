import FuzzChecks

#if canImport(Glibc)
    import Glibc
#endif

/// `eventsdash-fuzz TARGET …`. Built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz) it is
/// libFuzzer on TARGET, taking libFuzzer's options after it; a plain build replays files through
/// TARGET's checks, as the regression tests do.
@main
struct FuzzMain {
    static func main() {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        guard CommandLine.arguments.count > 1, let target = FuzzTarget(rawValue: CommandLine.arguments[1]) else {
            print("usage: eventsdash-fuzz \(names) [FILE… | libFuzzer options]  (see scripts/fuzz)")
            exit(2)
        }
        #if FUZZING
            FuzzMain.target = target
            // libFuzzer sees the program name and its own options, not the target name.
            let arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
            var argc = Int32(arguments.count)
            var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            pointers.withUnsafeMutableBufferPointer { buffer in
                var argv = buffer.baseAddress
                exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
            }
        #else
            exit(replay(target, files: Array(CommandLine.arguments.dropFirst(2))))
        #endif
    }

    #if FUZZING
        nonisolated(unsafe) static var target = FuzzTarget.datagram
    #endif

    /// Checks each file; prints the ones that break a property. Exit status 1 if any did.
    static func replay(_ target: FuzzTarget, files: [String]) -> Int32 {
        var failed = 0
        for path in files {
            guard let handle = fopen(path, "rb") else {
                print("\(path): cannot read it")
                failed += 1
                continue
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while case let count = fread(&buffer, 1, buffer.count, handle), count > 0 { bytes += buffer[..<count] }
            fclose(handle)
            if let failure = target.check(bytes) {
                print("\(path): \(failure)")
                failed += 1
            }
        }
        print("\(files.count - failed) of \(files.count) inputs pass \(target.rawValue)'s checks")
        return failed == 0 ? 0 : 1
    }
}

#if FUZZING
    /// libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer): runs `callback` on inputs as
    /// its command line says. Its C signature takes only pointers and ints, as declared here.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// One input; a broken property stops the run (libFuzzer saves the input as a crash).
    func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let failure = FuzzMain.target.check(bytes) { fatalError(failure) }
        return 0
    }
#endif
