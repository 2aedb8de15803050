<?php
/**
 * WooCommerce → Mobile money: "Needs you", "All payments" and "Health", and the handler of its forms.
 *
 * @package SmsmatchDropbox
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The shop owner's page (manage_woocommerce). Forms post to admin-post.php, nonce and capability checked,
 * and come back with a notice; queued rows turn done or failed in place (assets/admin.js).
 */
class Smsmatch_Dropbox_Payments_Page {

	const SLUG = 'smsmatch-payments';
	const CAP  = 'manage_woocommerce';

	/**
	 * Admin hooks.
	 */
	public static function boot() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ), 60 );
		add_action( 'admin_post_' . Smsmatch_Dropbox_Payment_View::FORM_ACTION, array( __CLASS__, 'handle' ) );
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'assets' ) );
	}

	/**
	 * Adds the submenu under WooCommerce (or Tools without WooCommerce).
	 */
	public static function menu() {
		$parent = class_exists( 'WooCommerce' ) ? 'woocommerce' : 'tools.php';
		$count  = self::review_count();
		$badge  = $count > 0 ? ' <span class="awaiting-mod count-' . $count . '"><span class="pending-count">' . $count . '</span></span>' : '';
		add_submenu_page( $parent, __( 'Mobile money', 'smsmatch-dropbox' ), __( 'Mobile money', 'smsmatch-dropbox' ) . $badge, self::CAP, self::SLUG, array( __CLASS__, 'render' ) );
	}

	/**
	 * The page's script and style, on this page and on order screens.
	 *
	 * @param string $hook Screen hook.
	 */
	public static function assets( $hook ) {
		$screen = get_current_screen();
		$orders = $screen && in_array( $screen->id, array( 'shop_order', 'woocommerce_page_wc-orders' ), true );
		if ( false === strpos( (string) $hook, self::SLUG ) && ! $orders ) {
			return;
		}
		$base = plugins_url( 'assets/', SMSMATCH_DROPBOX_FILE );
		wp_enqueue_style( 'smsmatch-admin', $base . 'admin.css', array(), SMSMATCH_DROPBOX_VERSION );
		wp_enqueue_script( 'smsmatch-admin', $base . 'admin.js', array(), SMSMATCH_DROPBOX_VERSION, true );
		wp_localize_script(
			'smsmatch-admin',
			'smsmatchAdmin',
			array(
				'rest'   => esc_url_raw( rest_url( 'smsmatch/v1/admin/' ) ),
				'nonce'  => wp_create_nonce( 'wp_rest' ),
				'labels' => array(
					'queued' => __( 'Queued', 'smsmatch-dropbox' ),
					'done'   => __( 'Done', 'smsmatch-dropbox' ),
					'failed' => __( 'Failed', 'smsmatch-dropbox' ),
				),
			)
		);
	}

	/**
	 * Handles the Confirm and Dismiss forms (here and in the order box).
	 */
	public static function handle() {
		if ( ! current_user_can( self::CAP ) ) {
			wp_die( esc_html__( 'You are not allowed to settle payments.', 'smsmatch-dropbox' ), 403 );
		}
		check_admin_referer( Smsmatch_Dropbox_Payment_View::FORM_ACTION );
		$params = array(
			'action' => isset( $_POST['op'] ) ? sanitize_key( wp_unslash( $_POST['op'] ) ) : '',
			'code'   => isset( $_POST['code'] ) ? sanitize_text_field( wp_unslash( $_POST['code'] ) ) : '',
			'order'  => isset( $_POST['order'] ) ? sanitize_text_field( wp_unslash( $_POST['order'] ) ) : '',
			'reason' => isset( $_POST['reason'] ) ? sanitize_text_field( wp_unslash( $_POST['reason'] ) ) : '',
		);
		$result = Smsmatch_Dropbox_Action_Request::queue( $params, wp_get_current_user() );
		if ( is_wp_error( $result ) ) {
			$notice = array( 'error', $result->get_error_message() );
		} elseif ( $result['duplicate'] ) {
			$notice = array( 'warning', $result['message'] );
		} else {
			/* translators: 1: action id, 2: payment code */
			$notice = array( 'success', sprintf( __( 'Queued as #%1$d for %2$s: smsmatch carries it out on its next pass.', 'smsmatch-dropbox' ), $result['id'], $params['code'] ) );
		}
		set_transient( 'smsmatch_notice_' . get_current_user_id(), $notice, 120 );
		$back = wp_get_referer();
		wp_safe_redirect( $back ? $back : admin_url( 'admin.php?page=' . self::SLUG ) );
		exit;
	}

	/**
	 * Renders the page.
	 */
	public static function render() {
		if ( ! current_user_can( self::CAP ) ) {
			return;
		}
		$tabs = array(
			/* translators: %d: payments waiting */
			'review' => sprintf( __( 'Needs you (%d)', 'smsmatch-dropbox' ), self::review_count() ),
			'all'    => __( 'All payments', 'smsmatch-dropbox' ),
			'health' => __( 'Health', 'smsmatch-dropbox' ),
		);
		$tab  = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : 'review'; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation only
		$tab  = isset( $tabs[ $tab ] ) ? $tab : 'review';
		echo '<div class="wrap smsmatch-page"><h1>' . esc_html__( 'Mobile money', 'smsmatch-dropbox' ) . '</h1>';
		self::notice();
		echo '<nav class="nav-tab-wrapper" aria-label="' . esc_attr__( 'Mobile money sections', 'smsmatch-dropbox' ) . '">';
		foreach ( $tabs as $key => $label ) {
			$url = add_query_arg( array( 'page' => self::SLUG, 'tab' => $key ), admin_url( 'admin.php' ) );
			printf( '<a href="%1$s" class="nav-tab%2$s"%3$s>%4$s</a>', esc_url( $url ), $key === $tab ? ' nav-tab-active' : '', $key === $tab ? ' aria-current="page"' : '', esc_html( $label ) );
		}
		echo '</nav>';
		self::freshness();
		if ( 'health' === $tab ) {
			Smsmatch_Dropbox_Health_View::render();
		} elseif ( 'all' === $tab ) {
			$search = isset( $_GET['s'] ) ? sanitize_text_field( wp_unslash( $_GET['s'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a search
			self::search_form( $search );
			Smsmatch_Dropbox_Payments_Table::render( Smsmatch_Dropbox_Published::query( 'all', $search, 200 ), false );
		} else {
			Smsmatch_Dropbox_Payments_Table::render( Smsmatch_Dropbox_Published::query( 'review', '', 500 ), true );
		}
		echo '</div>';
	}

	/**
	 * The one-shot notice left by the form handler.
	 */
	private static function notice() {
		$key    = 'smsmatch_notice_' . get_current_user_id();
		$notice = get_transient( $key );
		if ( ! is_array( $notice ) ) {
			return;
		}
		delete_transient( $key );
		printf( '<div class="notice notice-%1$s is-dismissible" role="alert"><p>%2$s</p></div>', esc_attr( $notice[0] ), esc_html( $notice[1] ) );
	}

	/**
	 * When the daemon last published; nothing yet means the daemon has not run against this plugin version.
	 */
	private static function freshness() {
		$meta = Smsmatch_Dropbox_Published::meta();
		if ( ! $meta ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'smsmatch has not published any payments here yet. Start the daemon (smsmatch daemon) with this site\'s drop-box URL and token; the page fills on its first pass.', 'smsmatch-dropbox' ) . '</p></div>';
			return;
		}
		/* translators: %s: time */
		echo '<p class="smsmatch-freshness">' . wp_kses_post( sprintf( __( 'As smsmatch saw it at %s.', 'smsmatch-dropbox' ), Smsmatch_Dropbox_Payment_View::time( $meta['published_at'] ) ) );
		if ( $meta['dropped'] > 0 ) {
			/* translators: %d: number of payments */
			echo ' ' . esc_html( sprintf( __( '%d older settled payments are not shown (size limit); `smsmatch explain <code>` has them.', 'smsmatch-dropbox' ), $meta['dropped'] ) );
		}
		echo '</p>';
	}

	/**
	 * The All payments search box (GET, so the result can be bookmarked).
	 *
	 * @param string $search Current search.
	 */
	private static function search_form( $search ) {
		echo '<form method="get" class="smsmatch-search" role="search"><input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '"><input type="hidden" name="tab" value="all">';
		echo '<label for="smsmatch-search">' . esc_html__( 'Search by code, phone digits, name or order', 'smsmatch-dropbox' ) . '</label> ';
		echo '<input type="search" id="smsmatch-search" name="s" value="' . esc_attr( $search ) . '"> ';
		echo '<button type="submit" class="button">' . esc_html__( 'Search', 'smsmatch-dropbox' ) . '</button></form>';
	}

	/**
	 * Payments waiting for a person, from the last publish.
	 *
	 * @return int
	 */
	private static function review_count() {
		$meta = Smsmatch_Dropbox_Published::meta();
		return $meta ? (int) $meta['review_count'] : 0;
	}
}
