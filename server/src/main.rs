use candor_server::config::{Cli, Command, LogFormat};
use candor_server::startup::{Application, Stopped};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let log = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("CANDOR_LOG").unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn")),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Text => log.init(),
        LogFormat::Json => log.json().init(),
    }
    match cli.command {
        Command::Serve(args) => {
            let app = Application::build(args).await?;
            app.print_urls();
            if app.run_until_stopped().await? == Stopped::GraceOver {
                // Not returning: dropping the runtime would wait for the
                // blocking work still under way, which the grace was about.
                std::process::exit(0);
            }
            Ok(())
        }
        Command::Admin { database, command } => candor_server::admin::cli::run(&database, command).await,
    }
}
