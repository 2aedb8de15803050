<?php
/**
 * Plugin Name:       smsmatch: Pay with M-PESA
 * Plugin URI:        https://github.com/smsmatch/smsmatch
 * Description:       A "Pay with M-PESA" payment method (till, Paybill or phone; classic and block checkout) whose orders the smsmatch daemon confirms from the shop phone's payment SMS, received here from the SMSsync app.
 * Version:           1.1.0
 * Requires at least: 6.0
 * Requires PHP:      7.4
 * Author:            smsmatch
 * License:           MIT
 * Text Domain:       smsmatch-dropbox
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SMSMATCH_DROPBOX_VERSION', '1.1.0' );
define( 'SMSMATCH_DROPBOX_DB_VERSION', '2' );
define( 'SMSMATCH_DROPBOX_FILE', __FILE__ );
define( 'SMSMATCH_DROPBOX_DIR', plugin_dir_path( __FILE__ ) );

require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-settings.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-store.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-signal.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-body-parser.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-smssync.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-daemon-api.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-admin.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-published.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-actions.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-action-request.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-order-search.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-publish-api.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-admin-api.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-payment-view.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-payments-table.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-health-view.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-payments-page.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-order-box.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-dropbox-plugin.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-networks.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-order-meta.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-instructions.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-rate-limit.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-order-routes.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-status-panel.php';
require_once SMSMATCH_DROPBOX_DIR . 'includes/class-smsmatch-checkout.php';

register_activation_hook( __FILE__, array( 'Smsmatch_Dropbox_Plugin', 'activate' ) );
register_deactivation_hook( __FILE__, array( 'Smsmatch_Dropbox_Plugin', 'deactivate' ) );

Smsmatch_Dropbox_Plugin::boot();
