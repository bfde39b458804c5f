fn main() -> std::process::ExitCode {
    smmdeck::cli::main()
}
