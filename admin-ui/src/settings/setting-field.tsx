// One setting as a wp-admin form control: text, URL, secret (masked, write-only), choice or toggle,
// with its help text, the server's validation message at the field, and read-only when wp-config.php or the
// network's administrator sets it.
import {
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { FieldOption, ProviderField, SettingValue } from '../types';

export interface SettingFieldProps {
	field: ProviderField;
	value: SettingValue | undefined;
	onChange: ( value: SettingValue ) => void;
	error?: string;
	/** Who sets the field, when the site's administrator cannot: a wp-config.php constant or the network. */
	lockedBy?: 'constant' | 'network';
	/** For secrets: whether a value is already stored (the browser never receives it). */
	secretStored?: boolean;
	suggestions?: FieldOption[];
}

const optionValue = ( option: FieldOption ) =>
	typeof option === 'string' ? option : option.value;
const optionLabel = ( option: FieldOption ) =>
	typeof option === 'string' ? option : option.label;

export const isToggle = ( field: ProviderField ) =>
	[ 'boolean', 'toggle', 'checkbox' ].includes( field.type );
export const isSecret = ( field: ProviderField ) =>
	[ 'password', 'secret' ].includes( field.type ) ||
	[ 'access_key', 'secret_key' ].includes( field.key );

export function SettingField( {
	field,
	value,
	onChange,
	error,
	lockedBy,
	secretStored,
	suggestions,
}: SettingFieldProps ) {
	const id = `wpmc-field-${ field.key }`;
	const locked = Boolean( lockedBy );
	let lockedHelp = '';
	if ( lockedBy === 'constant' ) {
		lockedHelp = sprintf(
			/* translators: %s: PHP constant name. */
			__(
				'Set by %s in wp-config.php; change it there.',
				'wp-media-cloud'
			),
			`WP_MEDIA_CLOUD_${ field.key.toUpperCase() }`
		);
	} else if ( lockedBy === 'network' ) {
		lockedHelp = __(
			'Set for the whole network by its administrator.',
			'wp-media-cloud'
		);
	}
	const help = [ field.help, lockedHelp ].filter( Boolean ).join( ' ' );
	let control;
	if ( isToggle( field ) ) {
		control = (
			<ToggleControl
				__nextHasNoMarginBottom
				label={ field.label }
				help={ help }
				checked={ Boolean( value ) }
				disabled={ locked }
				onChange={ ( checked: boolean ) => onChange( checked ) }
			/>
		);
	} else if ( field.type === 'select' && field.options?.length ) {
		const options = field.options.map( ( option ) => ( {
			value: optionValue( option ),
			label: optionLabel( option ),
		} ) );
		const current = String( value ?? '' );
		// A stored value outside the list (or none yet) must show as it is, not as the first option.
		if ( ! options.some( ( option ) => option.value === current ) ) {
			options.unshift( {
				value: current,
				label: current || __( '— Choose —', 'wp-media-cloud' ),
			} );
		}
		control = (
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				id={ id }
				label={ field.label }
				help={ help }
				value={ current }
				disabled={ locked }
				options={ options }
				onChange={ ( next: string ) => onChange( next ) }
			/>
		);
	} else {
		const secret = isSecret( field );
		let inputType: 'url' | 'text' | 'password' =
			field.type === 'url' ? 'url' : 'text';
		if ( secret ) {
			inputType = 'password';
		}
		const listId = suggestions?.length ? `${ id }-suggestions` : undefined;
		control = (
			<>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					id={ id }
					label={ field.label }
					help={ help }
					type={ inputType }
					value={ String( value ?? '' ) }
					disabled={ locked }
					autoComplete={ secret ? 'new-password' : 'off' }
					spellCheck={ false }
					placeholder={
						secret && secretStored
							? __(
									'Stored — leave empty to keep it',
									'wp-media-cloud'
								)
							: undefined
					}
					list={ listId }
					aria-invalid={ error ? true : undefined }
					// Screen readers read the message with the field (TextControl names its help `<id>__help`).
					aria-describedby={
						error
							? `${ help ? `${ id }__help ` : '' }${ id }-error`
							: undefined
					}
					onChange={ ( next: string ) => onChange( next ) }
				/>
				{ listId && (
					<datalist id={ listId }>
						{ suggestions!.map( ( option ) => (
							<option
								key={ optionValue( option ) }
								value={ optionValue( option ) }
							>
								{ optionLabel( option ) }
							</option>
						) ) }
					</datalist>
				) }
			</>
		);
	}
	return (
		<div
			className={ `wpmc-field${ error ? ' has-error' : '' }` }
			data-field={ field.key }
		>
			{ control }
			{ error && (
				<p
					className="wpmc-field__error"
					role="alert"
					id={ `${ id }-error` }
				>
					{ error }
				</p>
			) }
		</div>
	);
}
